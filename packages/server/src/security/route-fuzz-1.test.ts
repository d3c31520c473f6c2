import { defineRouteFuzz } from './route-fuzz-suite.ts';

await defineRouteFuzz(0, 4);
