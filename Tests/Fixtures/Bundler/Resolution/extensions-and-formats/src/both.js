module.exports = "src/both.js";
