/** The precision variants: how each was made, what stayed in higher precision and why, its notes. */
import type { Session } from '../../../../electron/core/model/types';
import { describeVariantRecipe } from '../../../../electron/core/model/variant-recipe';
import { Disclosure } from '../../components/Disclosure';
import { useSelectionStore } from '../../store/selection-store';
import { fileName } from '../../store/session-store';
import { SessionSection } from './SessionSection';

export function VariantsSection({
  session,
  sectionRef,
}: {
  session: Session;
  sectionRef: (element: HTMLElement | null) => void;
}) {
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
          <li key={variant.id} className={variant.id === selected ? 'item selected' : 'item'}>
            <Disclosure
              summary={
                <>
                  <span className="item-title">{variant.id}</span>
                  <span className="tag">{variant.precision}</span>
                  <span className="item-text">{describeVariantRecipe(variant)}</span>
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
                </>
              }
            >
              {() => (
                <div className="item-detail">
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
                </div>
              )}
            </Disclosure>
          </li>
        ))}
      </ul>
    </SessionSection>
  );
}
