/** The part of `profile --help` that says what calibration and evaluation data look like. */
export const DATA_HELP = `
Data for --calib and --eval:
  images:DIR   JPEG/PNG files, pre-processed as --resize, --scale, --mean, --std and --channel-order say.
               They feed the image input; every other input needs --input NAME=VALUE.
  npy:PATH     a .npy or .npz file, or a folder of them (read in name order). Axis 0 counts samples:
               an array of shape (K*N, ...) holds K samples of an input of shape (N, ...).
                 .npy  one array: only for a model with one input left to feed
                 .npz  one array per input, named after it, in the input's dtype (float32, int64, ...),
                       the same K in every array; inputs given by --input may be left out
  random:N     N seeded random samples (a poor accuracy judge: prefer real data)

--input NAME=VALUE (the same value in calibration, evaluation and timing runs; dtype from the model):
  image-size      the source image's width,height per batch item (RT-DETR/D-FINE/DEIM orig_target_sizes);
                  without a source image (npy, random, timing), the image input's own size
  image-size-hw   the same as height,width
  ones | zeros    every element 1 or 0 (masks)
  v1,v2,...       one batch item's values (repeated over the batch), or the whole tensor's

Example, a DETR-family model:
  trt-studio profile rtdetr.onnx --calib images:calib/ --eval images:eval/ --input orig_target_sizes=image-size
  # or with .npz samples, written by numpy:
  #   np.savez('calib/0001.npz', images=x.astype(np.float32), orig_target_sizes=np.array([[640, 480]], np.int64))
  trt-studio profile rtdetr.onnx --calib npy:calib/ --eval npy:eval/
`;
