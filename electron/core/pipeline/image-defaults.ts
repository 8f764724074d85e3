/** What image pre-processing does when an option is left out (image-preprocess.ts applies these). */
export const IMAGE_DEFAULTS = {
  resize: 'stretch',
  letterboxAnchor: 'center',
  /** The grey YOLO-family letterboxes pad with. */
  padValue: 114,
  scale: 1 / 255,
  channelOrder: 'rgb',
  layout: 'nchw',
} as const;
