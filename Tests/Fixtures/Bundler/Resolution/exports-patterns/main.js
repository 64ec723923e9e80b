module.exports = "main.js";
