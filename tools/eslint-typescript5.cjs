/**
 * typescript-eslint parses with TypeScript's JavaScript API, which TypeScript 7 (the compiler this
 * repository builds with) no longer ships. Requests for `typescript` from typescript-eslint's own
 * packages are sent to the `typescript5` alias instead; everything else keeps TypeScript 7.
 */
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (
    (request === 'typescript' || request.startsWith('typescript/')) &&
    /[\\/]node_modules[\\/](@typescript-eslint|ts-api-utils|typescript-eslint)[\\/]/.test(parent?.filename ?? '')
  ) {
    return resolve.call(this, request.replace(/^typescript/, 'typescript5'), parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};
