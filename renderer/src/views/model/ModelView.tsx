/** The model view: summary, top op types by FLOPs and bytes, lints. */
import { TopOpTypesChart } from '../../charts/TopOpTypesChart';
import { useSessionStore } from '../../store/session-store';
import { LintList } from './LintList';
import { ModelSummary } from './ModelSummary';

export function ModelView() {
  const model = useSessionStore((state) => state.session?.model);
  if (!model) return <p className="hint">This session holds no model: open an ONNX file from Home.</p>;
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
