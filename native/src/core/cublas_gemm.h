// GEMM rate through cuBLAS (cublasGemmEx, Tensor Core math) measured in the same run as the
// hand-written kernels, so the Tensor Core ceiling can be judged against the vendor library.
#pragma once

#include "core/ceilings.h"
#include "core/ceiling_kernels.h"

namespace studio {

/** Times an n x n x n GEMM (TN layout, FP32 accumulate for FP16/BF16, INT32 for INT8) on random data. */
Measurement measureCublasGemm(kernels::TensorOp op, int n, int repetitions);

}  // namespace studio
