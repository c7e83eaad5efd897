/** Vite bundles plain CSS imported for its side effect. */
declare module '*.css';
/** Vite emits an imported sound file into the bundle and gives its URL. */
declare module '*.wav' {
  const url: string;
  export default url;
}
/** `?inline`: Vite puts the file into the bundle as a data: URL (base64) instead of emitting it. */
declare module '*.wav?inline' {
  const dataUrl: string;
  export default dataUrl;
}
