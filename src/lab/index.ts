// The browser lab's entry (dist/lab.js, global `RmwLab`): train a reward model in the page on a lab pack, on
// WebGPU or wasm, with the workbench's own trainer, losses and transformer. Bundled for the browser by
// scripts/labBundle.mjs; a test fails the build on any Node import reaching it.
export { readLabPack, LAB_PACK_FORMAT, type LabPack } from '../export/labPack.js';
export { selectLabBackend, setLabWasmBase, type LabBackendRequest } from './backend.js';
export { train, type LabTrainOptions, type LabTrainResult } from './train.js';
export { BUILTIN_LOSSES } from '../losses/registry.js';
export { mountLab, type LabPage, type LabRunRequest } from './page.js';
export { LAB_MODEL_SIZES, LAB_LOSSES, checkPreset, type LabPanelPreset } from './options.js';
