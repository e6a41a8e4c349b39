// The sign-in page on its own: the first page most people load, it must not bring the other
// auth pages (and their dialogs) with it, as importing the library's index would.
export * from './lib/sign-in/sign-in';
