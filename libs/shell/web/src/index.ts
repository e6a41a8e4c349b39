export * from './lib/shell/shell';
export * from './lib/home/home';
export * from './lib/not-found/not-found';
export * from './lib/navigation';
export * from './lib/not-available/not-available';
