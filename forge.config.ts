/**
 * Electron Forge configuration: `npm start` (through package.json), `npx electron-forge package` and
 * `make` on a machine that has Electron's binary. Offline, point ELECTRON_ZIP_DIR at a folder holding
 * electron-v41.7.1-<platform>-<arch>.zip. The native addon and onnxruntime-node's binaries are unpacked
 * from the asar (a .node file cannot load from inside it), and only this platform's onnxruntime
 * binaries go into the package (Forge packages for the platform it runs on).
 */
const OTHER_PLATFORMS = ['darwin', 'linux', 'win32'].filter((platform) => platform !== process.platform);
const OTHER_ONNXRUNTIME = new RegExp(`/onnxruntime-node/bin/napi-v\\d+/(${OTHER_PLATFORMS.join('|')})/`);

const config = {
  packagerConfig: {
    name: 'TensorRT Profiling Studio',
    executableName: 'trt-studio',
    asar: { unpack: '**/{*.node,onnxruntime-node/**,sharp/**,@img/**}' },
    icon: 'assets/icon',
    ignore: (file: string) => OTHER_ONNXRUNTIME.test(file),
    ...(process.env.ELECTRON_ZIP_DIR ? { electronZipDir: process.env.ELECTRON_ZIP_DIR } : {}),
  },
  rebuildConfig: {
    // The addon is Node-API 8: one build serves Node and Electron, nothing to rebuild.
    onlyModules: [],
  },
  makers: [{ name: '@electron-forge/maker-zip', platforms: ['linux', 'darwin', 'win32'] }],
};

export default config;
