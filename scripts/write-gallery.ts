// Rewrites the README gallery from examples/ (run by `npm run gallery`; a test keeps it current).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderGallery, withGallery } from '../src/gallery.js';

writeFileSync('README.md', withGallery(readFileSync('README.md', 'utf8'), renderGallery('examples')));
