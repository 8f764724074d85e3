/** The precision variants: how each was made, what stayed in higher precision and why, its notes. */
import { describeVariantRecipe } from '../../../../electron/core/model/variant-recipe';
import { useSelectionStore } from '../../store/selection-store';
import { fileName } from '../../store/session-store';
import { SessionItem } from './SessionItem';
import { SessionSection, type SectionProps } from './SessionSection';

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
                    <h4>Kept in higher precision</h4>
                    <ul>
                      {variant.keptHigherPrecision.map((kept, index) => (
                        <li key={`${kept.node}-${index}`}>
                          <span className="mono">{kept.node || '(unnamed node)'}</span>: {kept.reason}
                        </li>
                      ))}
                    </ul>
                  </>
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
