import { defineRouteFuzz } from './route-fuzz-suite.ts';

await defineRouteFuzz(1, 4);
