import { defineRouteFuzz } from './route-fuzz-suite.ts';

await defineRouteFuzz(2, 4);
