module.exports = "app/main.js";
