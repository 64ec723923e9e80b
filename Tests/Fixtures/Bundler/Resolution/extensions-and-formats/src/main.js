module.exports = "src/main.js";
