export * from './node.cjs';
