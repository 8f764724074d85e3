/**
 * Electron Forge configuration (packaging on a connected machine: `npx electron-forge package`).
 * The Electron binary cannot be downloaded on the build machines here; point `electronZipDir` at a
 * folder holding electron-v41.7.1-linux-x64.zip to package offline.
 */
const config = {
  packagerConfig: {
    name: 'TensorRT Profiling Studio',
    executableName: 'trt-studio',
    asar: { unpack: '**/{*.node,onnxruntime-node/**,sharp/**,@img/**}' },
    icon: 'assets/icon',
    ...(process.env.ELECTRON_ZIP_DIR ? { electronZipDir: process.env.ELECTRON_ZIP_DIR } : {}),
  },
  rebuildConfig: {
    // The addon is Node-API 8: one build serves Node and Electron, nothing to rebuild.
    onlyModules: [],
  },
  makers: [{ name: '@electron-forge/maker-zip', platforms: ['linux', 'darwin', 'win32'] }],
};

export default config;
