/**
 * Tells an ONNX Runtime profile (a JSON array of Chrome trace events with ORT's own categories and
 * event names) from other Chrome traces by its first bytes.
 */
export function looksLikeOrtProfile(headText: string): boolean {
  const text = headText.trimStart();
  if (!text.startsWith('[')) return false;
  return (
    /"cat"\s*:\s*"(Session|Node)"/.test(text) &&
    /model_loading|session_initialization|_kernel_time|_fence_(before|after)/.test(text)
  );
}
