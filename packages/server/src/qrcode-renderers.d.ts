// The qrcode package's own renderers, which its public API calls only with a matrix it encoded
// itself. Their one input is the symbol's size and its modules, row after row (1 dark).
interface QrModules {
  modules: { size: number; data: Uint8Array };
}

declare module 'qrcode/lib/renderer/svg-tag.js' {
  export function render(qrData: QrModules, options: object): string;
}
declare module 'qrcode/lib/renderer/terminal.js' {
  export function render(qrData: QrModules, options: object): string;
}
declare module 'qrcode/lib/renderer/utf8.js' {
  export function render(qrData: QrModules, options: object): string;
}
