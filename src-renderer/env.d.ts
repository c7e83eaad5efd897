/** Vite bundles plain CSS imported for its side effect. */
declare module '*.css';
