// Rewrites the gallery of docs/examples.md from examples/ (run by `npm run gallery`; a test keeps it current).
import { readFileSync, writeFileSync } from 'node:fs';
import { GALLERY_PAGE, renderGallery, withGallery } from '../src/gallery.js';

writeFileSync(GALLERY_PAGE, withGallery(readFileSync(GALLERY_PAGE, 'utf8'), renderGallery('examples')));
