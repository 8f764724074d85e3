/** The precision variants: how each was made, what stayed in higher precision and why, its notes. */
import { calibrationChoiceTables } from '../../../../electron/core/model/calibration-choice-table';
import { keptByReason } from '../../../../electron/core/model/kept-precision';
import { CalibrationChoiceTables } from '../../components/CalibrationChoiceTables';
import { describeVariantRecipe } from '../../../../electron/core/model/variant-recipe';
import { useSelectionStore } from '../../store/selection-store';
import { fileName } from '../../store/session-store';
import { SessionItem } from './SessionItem';
import { SessionSection, type SectionProps } from './SessionSection';

/** Up to this many node names are shown in the line; more sit behind "which ones". */
const FEW_NODES = 3;

export function VariantsSection({ session, sectionRef }: SectionProps) {
  const selected = useSelectionStore((state) => state.variant);
  const select = useSelectionStore((state) => state.select);
  return (
    <SessionSection
      id="variants"
      title="Variants"
      count={session.variants.length}
      sectionRef={sectionRef}
      empty="No precision variants: they are made by a run (Run view). Imported results bring engines, not variants."
    >
      <ul className="item-list">
        {session.variants.map((variant) => (
          <SessionItem
            key={variant.id}
            selected={variant.id === selected}
            title={
              <>
                {variant.id} <span className="tag">{variant.precision}</span>
              </>
            }
            text={describeVariantRecipe(variant)}
            actions={
              <button
                type="button"
                className="link-button select-button"
                aria-pressed={variant.id === selected}
                onClick={(event) => {
                  event.preventDefault();
                  select({ variant: variant.id === selected ? null : variant.id });
                }}
              >
                {variant.id === selected ? 'selected' : 'select'}
              </button>
            }
          >
            {() => (
              <>
                {variant.onnxPath && <p className="mono">ONNX: {fileName(variant.onnxPath)}</p>}
                {variant.keptHigherPrecision.length > 0 && (
                  <>
                    <h4>
                      Kept in higher precision ({variant.keptHigherPrecision.length}{' '}
                      {variant.keptHigherPrecision.length === 1 ? 'node' : 'nodes'})
                    </h4>
                    <ul>
                      {keptByReason(variant).map((group) => (
                        <li key={group.reason}>
                          {group.nodes.length <= FEW_NODES ? (
                            <span className="mono">{group.nodes.join(', ')}</span>
                          ) : (
                            <strong>{group.nodes.length} nodes</strong>
                          )}
                          : {group.reason}{' '}
                          {group.nodes.length > FEW_NODES && (
                            <details className="kept-nodes">
                              <summary>which ones</summary>
                              <span className="mono">{group.nodes.join(', ')}</span>
                            </details>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {variant.calibrationChoice && (
                  <CalibrationChoiceTables tables={calibrationChoiceTables(variant.calibrationChoice)} />
                )}
                {variant.notes.length > 0 && (
                  <>
                    <h4>Notes</h4>
                    <ul>
                      {variant.notes.map((note) => (
                        <li key={note}>{note}</li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            )}
          </SessionItem>
        ))}
      </ul>
    </SessionSection>
  );
}
