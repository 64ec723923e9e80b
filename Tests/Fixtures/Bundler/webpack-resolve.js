// Resolves requests with enhanced-resolve (webpack 5's resolver) configured exactly as webpack 5.75.0
// configures it for edx-platform's worker build: `target: 'webworker'`, mode production,
// `resolve: { extensions: ['.js'] }`. The option values were read from webpack's own
// applyWebpackOptionsDefaults + resolveByProperty(resolve, "byDependency", "esm" | "commonjs").
// Usage: node webpack-resolve.js <enhanced-resolve dir> <root> '<JSON [{from, request, kind}]>'
// Prints a JSON array: a path relative to <root>, "(disabled)" for a browser-field `false`, or "error: …".
"use strict";
const path = require("path");
const fs = require("fs");
// Debian's enhanced-resolve builds its default `modules` from process.config.variables.node_relative_path,
// which only Debian's own node defines; give other node builds a value (our resolvers set `modules`).
if (process.config.variables.node_relative_path === undefined) {
  const variables = { ...process.config.variables, node_relative_path: "", node_prefix: process.config.variables.node_prefix || "/usr" };
  Object.defineProperty(process, "config", { value: { ...process.config, variables } });
}
const { ResolverFactory, CachedInputFileSystem } = require(process.argv[2]);
const root = process.argv[3];
const requests = JSON.parse(process.argv[4]);
const fileSystem = new CachedInputFileSystem(fs, 4000);
const shared = {
  fileSystem,
  mainFields: ["browser", "module", "main"],
  aliasFields: ["browser"],
  extensions: [".js"],
  exportsFields: ["exports"],
  importsFields: ["imports"],
  mainFiles: ["index"],
  modules: ["node_modules"],
  descriptionFiles: ["package.json"],
  symlinks: true,
};
const resolvers = {
  import: ResolverFactory.createResolver({ ...shared, conditionNames: ["import", "module", "webpack", "production", "worker", "browser"] }),
  require: ResolverFactory.createResolver({ ...shared, conditionNames: ["require", "module", "webpack", "production", "worker", "browser"] }),
};
const results = [];
let pending = requests.length;
const done = () => { if (--pending === 0) console.log(JSON.stringify(results)); };
if (pending === 0) console.log("[]");
requests.forEach((request, index) => {
  const directory = path.dirname(path.join(root, request.from));
  resolvers[request.kind].resolve({}, directory, request.request, {}, (error, result) => {
    if (error) results[index] = "error: " + String(error.message).split("\n")[0];
    else if (result === false) results[index] = "(disabled)";
    else results[index] = path.relative(root, result);
    done();
  });
});
