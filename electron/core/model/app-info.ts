/** The studio's name and version as written into session and report files. */
export const APP_NAME = 'trt-studio';
export const APP_VERSION = '0.1.0';
