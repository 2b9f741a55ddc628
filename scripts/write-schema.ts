// Writes environments/schema.json from the TypeBox model (run by `npm run schema`; a test keeps it current).
import { writeFileSync } from 'node:fs';
import { environmentJsonSchema } from '../src/config/json-schema.js';

writeFileSync('environments/schema.json', `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`);
