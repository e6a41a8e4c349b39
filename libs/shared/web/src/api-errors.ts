// The API error helpers on their own, for a page that must load light (the sign-in page): the
// library's index also brings the dialogs and the autosave.
export * from './lib/api-errors';
