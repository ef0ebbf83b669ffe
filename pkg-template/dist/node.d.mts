// Types of node.mjs: what node.cjs (which it re-exports) declares.
export * from './node.cjs';
