/**
 * The model view: what the model costs, node by node. The headline says when costs are unknown
 * because shapes are (instead of printing 0); summary cards with the device whose ceilings judge the
 * bound; a form for dynamic dimensions (applied in place) and "measure shapes by running"; op-type
 * charts; the per-node table; lints, whose nodes link to their rows.
 */
import { useMemo, useState } from 'react';
import { costCoverage } from '../../../../electron/core/model/cost-coverage';
import { opTypesChartHeight, TopOpTypesChart } from '../../charts/TopOpTypesChart';
import { topOpTypes } from '../../../../electron/core/model/top-op-types';
import { fileName, useSessionStore } from '../../store/session-store';
import { LintList } from './LintList';
import { NodeTable } from './NodeTable';
import { ShapesForm } from './ShapesForm';
import { SummaryCards } from './SummaryCards';
import './model.css';

export function ModelView() {
  const model = useSessionStore((state) => state.session?.model);
  const inspecting = useSessionStore((state) => state.inspecting);
  const [opType, setOpType] = useState<string | null>(null);
  const coverage = useMemo(() => (model ? costCoverage(model) : null), [model]);
  if (!model || !coverage)
    return <p className="hint">This session holds no model: open an ONNX file from Home.</p>;
  const chartHeight = opTypesChartHeight(
    Math.max(topOpTypes(model.opTypeCosts, 'flops').length, topOpTypes(model.opTypeCosts, 'bytes').length),
  );
  const why =
    coverage.state === 'unknown'
      ? 'Nothing to chart: the shapes are unknown, so no node is costed. Set the dynamic dimensions above.'
      : null;
  return (
    <div className="model-view">
      <header className="model-headline">
        <h2>{fileName(model.source.path)}</h2>
        {inspecting && <span className="status">Inspecting {inspecting}...</span>}
        {coverage.headline && (
          <p className={`coverage ${coverage.state}`} role="note" data-testid="cost-headline">
            {coverage.headline}
          </p>
        )}
      </header>
      <SummaryCards model={model} coverage={coverage} />
      <ShapesForm model={model} coverage={coverage} />
      <section className="charts" aria-label="Top op types">
        <TopOpTypesChart
          costs={model.opTypeCosts}
          by="flops"
          title="Top op types by FLOPs"
          height={chartHeight}
          emptyText={why ?? 'No op type of this model does arithmetic (FLOPs are 0): it only moves data.'}
          onSelect={setOpType}
        />
        <TopOpTypesChart
          costs={model.opTypeCosts}
          by="bytes"
          title="Top op types by bytes moved"
          height={chartHeight}
          emptyText={why ?? 'No bytes moved: the graph is empty.'}
          onSelect={setOpType}
        />
      </section>
      <NodeTable model={model} opType={opType} onOpType={setOpType} />
      <LintList lints={model.lints} />
    </div>
  );
}
