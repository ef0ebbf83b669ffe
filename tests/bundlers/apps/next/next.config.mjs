// Only for the test's location: the app sits inside the repository, whose own lockfile
// would otherwise make Next.js take the repository as its workspace root. Nothing here is
// for the package.
import path from 'node:path';

export default { turbopack: { root: path.resolve(import.meta.dirname, '../../..') } };
