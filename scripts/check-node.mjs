const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `semclust needs Node >= 22 (this is ${process.version}). Run scripts through npm (npm start, npm test), ` +
      "which use the Node 22 installed in node_modules/.bin by the `node` devDependency.",
  );
  process.exit(1);
}
