import { defineRouteFuzz } from './route-fuzz-suite.ts';

await defineRouteFuzz(3, 4);
