// write-good is CommonJS without types; this is the part of its API the benchmark uses.
declare module 'write-good' {
  interface WriteGoodSuggestion {
    index: number;
    offset: number;
    reason: string;
  }
  function writeGood(text: string, options?: Record<string, unknown>): WriteGoodSuggestion[];
  export default writeGood;
}
