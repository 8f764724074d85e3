/** The one view: open or drop an ONNX model, see its summary, top op types and lints. */
import { TopOpTypesChart } from '../charts/TopOpTypesChart';
import { useModelStore } from '../store/model-store';
import { DropZone } from './DropZone';
import { ErrorBanner } from './ErrorBanner';
import { LintList } from './LintList';
import { ModelSummary } from './ModelSummary';

function Toolbar() {
  const chooseModel = useModelStore((state) => state.chooseModel);
  const chooseSession = useModelStore((state) => state.chooseSession);
  const loading = useModelStore((state) => state.loading);
  const file = useModelStore((state) => state.file);
  return (
    <header className="toolbar">
      <h1>TensorRT Profiling Studio</h1>
      <button type="button" onClick={() => void chooseModel()}>
        Open model...
      </button>
      <button type="button" onClick={() => void chooseSession()}>
        Open session...
      </button>
      {loading && <span className="status">Reading {file}...</span>}
    </header>
  );
}

function ModelView() {
  const model = useModelStore((state) => state.model);
  if (!model) {
    return <p className="hint">Drop an ONNX model here, or use Open model...</p>;
  }
  return (
    <>
      <ModelSummary model={model} />
      <section className="charts" aria-label="Top op types">
        <TopOpTypesChart costs={model.opTypeCosts} by="flops" title="Top op types by FLOPs" />
        <TopOpTypesChart costs={model.opTypeCosts} by="bytes" title="Top op types by bytes moved" />
      </section>
      <LintList lints={model.lints} />
    </>
  );
}

export function App() {
  return (
    <DropZone>
      <Toolbar />
      <ErrorBanner />
      <ModelView />
    </DropZone>
  );
}
