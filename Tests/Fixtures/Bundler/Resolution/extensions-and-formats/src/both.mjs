export default "src/both.mjs";
