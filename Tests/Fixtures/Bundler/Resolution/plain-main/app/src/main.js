module.exports = "app/src/main.js";
