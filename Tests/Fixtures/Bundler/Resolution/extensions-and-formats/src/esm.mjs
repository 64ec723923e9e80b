export default "src/esm.mjs";
