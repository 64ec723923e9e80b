module.exports = "src/legacy.cjs";
