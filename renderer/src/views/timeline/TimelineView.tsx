/**
 * The timeline view: one trace of the session (or two or more runs aligned by layer, one above the
 * other) drawn by the canvas timeline, with search, the selected span's details, the area selection's
 * aggregate and the trace's summary beside it. The route names what is shown:
 * `#/timeline?trace=<id>` or `#/timeline?trace=<id>&align=<id>,<id>`.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LinkedSpan } from '../../../../electron/core/model/timeline-data';
import { formatDurationNs } from '../../../../electron/core/model/units';
import { client } from '../../api/client';
import { useThemeName } from '../../charts/chart-theme';
import { navigate, useRoute } from '../../shell/hash-route';
import { useSessionStore } from '../../store/session-store';
import {
  fromAxis,
  spanToAxis,
  toAxis,
  useTimelineStore,
  type TimelineSection,
} from '../../store/timeline-store';
import type { ThemeName } from '../../timeline/colours';
import type { PlacedSpan } from '../../timeline/draw';
import { actionOf } from '../../timeline/keys';
import { TimelineCanvas, type CanvasSection } from '../../timeline/TimelineCanvas';
import { fitView, panView, widthOf, zoomView } from '../../timeline/viewport';
import { AggregateTable } from './AggregateTable';
import { DetailsPanel } from './DetailsPanel';
import { KeysHelp } from './KeysHelp';
import { SummaryPanel } from './SummaryPanel';
import './timeline.css';

type Tab = 'details' | 'summary';

function canvasSection(section: TimelineSection, sessionPath: string | null): CanvasSection {
  const ref = sessionPath ? { traceId: section.traceId, sessionPath } : { traceId: section.traceId };
  return {
    traceId: section.traceId,
    title: section.title,
    groups: section.overview.groups,
    spanToAxis: (start, end) => spanToAxis(section, start, end),
    fromAxis: (x) => fromAxis(section, x),
    fetch: (request) => client().call('traceWindow', { ...ref, ...request }),
  };
}

/** A span of the trace (details, a link, a search match) placed in its section for drawing. */
function placed(
  section: number,
  span: { track: number; depth: number; startNs: number; durationNs: number },
): PlacedSpan {
  return {
    section,
    track: span.track,
    depth: span.depth,
    startNs: span.startNs,
    endNs: span.startNs + span.durationNs,
  };
}

/** Is the key event meant for a text field (then the timeline leaves it alone)? */
function inTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(
    element &&
    (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT'),
  );
}

export function TimelineView() {
  const traces = useSessionStore((state) => state.session?.traces ?? []);
  const sessionPath = useSessionStore((state) => state.sessionPath);
  const route = useRoute();
  const theme = useThemeName() as ThemeName;
  const state = useTimelineStore();
  const [tab, setTab] = useState<Tab>('summary');
  const [searchText, setSearchText] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const pointer = useRef<number | null>(null);

  const traceId = route.params.get('trace') ?? traces[0]?.id ?? '';
  const align = (route.params.get('align') ?? '').split(',').filter((id) => id && id !== traceId);
  const wanted = [traceId, ...align].filter(Boolean);
  const wantedKey = wanted.join('\u0000');

  useEffect(() => {
    if (wanted.length > 0) void useTimelineStore.getState().show(wanted);
  }, [wantedKey, sessionPath]);

  const sections = useMemo(
    () => state.sections.map((section) => canvasSection(section, sessionPath)),
    [state.sections, sessionPath],
  );

  // The selected span, and in aligned runs the same layer in every other run.
  const selected = useMemo((): PlacedSpan[] => {
    const chosen = state.selected;
    if (!chosen) return [];
    const { details } = chosen;
    const own = placed(chosen.section, details);
    const layer = details.engineLayer?.name ?? details.layer;
    const row =
      layer && state.alignment?.alignment.rows.find((r) => r.ranges[chosen.section]?.name === layer);
    if (!row) return [own];
    // The layer where the runs were aligned, in every run (the selected span may be another instance).
    const others = row.ranges.flatMap((range, s): PlacedSpan[] =>
      !range || range.track === undefined || (s === chosen.section && range.span === chosen.span)
        ? []
        : [
            {
              section: s,
              track: range.track,
              depth: range.depth ?? 0,
              startNs: range.startNs,
              endNs: range.endNs,
            },
          ],
    );
    return [own, ...others];
  }, [state.selected, state.alignment]);

  const flows = useMemo(() => {
    const chosen = state.selected;
    if (!chosen) return [];
    const own = selected[0]!;
    return chosen.details.flows.map((link) => {
      const other = placed(chosen.section, link);
      return link.direction === 'out' ? { from: own, to: other } : { from: other, to: own };
    });
  }, [state.selected, selected]);

  const matches = useMemo((): PlacedSpan[] => {
    const { result, index, section } = state.search;
    const match = result?.matches[index];
    return match ? [placed(section, match)] : [];
  }, [state.search]);

  const guides = useMemo(
    () => state.alignment?.alignment.rows.map((row) => row.alignedStartNs) ?? [],
    [state.alignment],
  );

  // Keys: W/S/A/D/F, ?, /, Escape anywhere in the view except in text fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (inTextField(event.target)) return;
      const action = actionOf(event);
      const store = useTimelineStore.getState();
      const view = store.view;
      if (!action || !view) return;
      event.preventDefault();
      const anchor = pointer.current ?? 0.5;
      switch (action) {
        case 'zoom-in':
          return store.setView(zoomView(view, 0.8, anchor, store.bounds));
        case 'zoom-out':
          return store.setView(zoomView(view, 1.25, anchor, store.bounds));
        case 'pan-left':
          return store.setView(panView(view, -0.15, store.bounds));
        case 'pan-right':
          return store.setView(panView(view, 0.15, store.bounds));
        case 'fit': {
          const span = store.selected;
          const section = span && store.sections[span.section];
          if (span && section) {
            const start = toAxis(section, span.details.startNs);
            return store.setView(
              fitView({ startNs: start, endNs: start + span.details.durationNs }, store.bounds),
            );
          }
          if (store.area) return store.setView(fitView(store.area, store.bounds));
          return store.setView(fitView(store.bounds, store.bounds, 0.01));
        }
        case 'clear':
          void store.select(0, null);
          return void store.selectArea(null);
        case 'help':
          return store.toggleHelp();
        case 'search':
          return searchRef.current?.focus();
        default:
          return undefined;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Jump to the current match: centre it, or fit it when wider than the view.
  useEffect(() => {
    const { result, index, section } = state.search;
    const match = result?.matches[index];
    const target = state.sections[section];
    const view = useTimelineStore.getState().view;
    if (!match || !target || !view) return;
    const start = toAxis(target, match.startNs);
    const width = Math.max(widthOf(view), match.durationNs * 1.2);
    const middle = start + match.durationNs / 2;
    useTimelineStore
      .getState()
      .setView(fitView({ startNs: middle - width / 2, endNs: middle + width / 2 }, state.bounds, 0));
  }, [state.search.index, state.search.result, state.sections, state.bounds, state.search]);

  useEffect(() => {
    if (state.selected) setTab('details');
  }, [state.selected]);
  // Another trace: its summary first.
  useEffect(() => setTab('summary'), [wantedKey]);

  if (traces.length === 0)
    return (
      <p className="hint">This session holds no trace: open an nsys export, a Kineto trace or a profile.</p>
    );

  const first = state.sections[0];
  const view = state.view;
  const onSelectLink = (link: LinkedSpan) => void state.select(state.selected?.section ?? 0, link.span);
  const matchCount = state.search.result?.total ?? 0;
  const shown = state.search.result?.matches.length ?? 0;

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-main">
        <div className="timeline-toolbar">
          <label>
            Trace{' '}
            <select
              aria-label="Trace"
              value={traceId}
              onChange={(event) => navigate('timeline', { trace: event.target.value })}
            >
              {traces.map((trace) => (
                <option key={trace.id} value={trace.id}>
                  {trace.id} ({trace.source}, {trace.spans.count} spans)
                </option>
              ))}
            </select>
          </label>
          {traces.length > 1 && (
            <label>
              Align with{' '}
              <select
                aria-label="Align with"
                value={align[0] ?? ''}
                onChange={(event) =>
                  navigate('timeline', { trace: traceId, align: event.target.value || null })
                }
              >
                <option value="">(none)</option>
                {traces
                  .filter((trace) => trace.id !== traceId)
                  .map((trace) => (
                    <option key={trace.id} value={trace.id}>
                      {trace.id}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <input
            ref={searchRef}
            type="text"
            aria-label="Search spans by name"
            placeholder="Search (/)"
            value={searchText}
            onChange={(event) => {
              setSearchText(event.target.value);
              void state.find(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void state.step(event.shiftKey ? -1 : 1);
              } else if (event.key === 'Escape') (event.target as HTMLInputElement).blur();
            }}
          />
          <button
            type="button"
            aria-label="Previous match"
            onClick={() => void state.step(-1)}
            disabled={shown === 0}
          >
            ◀
          </button>
          <button
            type="button"
            aria-label="Next match"
            onClick={() => void state.step(1)}
            disabled={shown === 0}
          >
            ▶
          </button>
          <span className="muted" data-testid="search-count">
            {state.search.text
              ? matchCount === 0
                ? 'no match'
                : `${state.search.index + 1 > 0 ? state.search.index + 1 : '-'} / ${matchCount}${shown < matchCount ? ` (first ${shown})` : ''}`
              : ''}
          </span>
          <span className="spacer" />
          <button
            type="button"
            onClick={() => view && state.setView(fitView(state.bounds, state.bounds, 0.01))}
          >
            Fit (F)
          </button>
          <button type="button" aria-label="Keys" onClick={() => state.toggleHelp()}>
            ?
          </button>
        </div>
        {state.error && (
          <p className="timeline-error" role="alert">
            {state.error}
          </p>
        )}
        {state.alignment && (
          <p className="muted timeline-alignment" data-testid="alignment-note">
            {state.alignment.labels.join(' vs ')}: {state.alignment.alignment.alignedInAll} layers aligned in
            every run
            {state.alignment.alignment.rows.length > state.alignment.alignment.alignedInAll
              ? `, ${state.alignment.alignment.rows.length - state.alignment.alignment.alignedInAll} in some`
              : ''}
            {state.alignment.warnings.length > 0 ? `; ${state.alignment.warnings.join('; ')}` : ''}
          </p>
        )}
        {state.loading && !first && <p className="hint status">Opening {state.loading}...</p>}
        {first && view && (
          <TimelineCanvas
            sections={sections}
            view={view}
            bounds={state.bounds}
            originNs={state.bounds.startNs}
            theme={theme}
            pinned={state.pinned}
            collapsed={state.collapsed}
            selected={selected}
            matches={matches}
            flows={flows}
            guides={guides}
            area={state.area}
            onView={state.setView}
            onSelect={(section, span) => void state.select(section, span)}
            onArea={(area) => void state.selectArea(area)}
            onPin={state.togglePin}
            onToggleGroup={state.toggleGroup}
            onError={state.fail}
            pointer={pointer}
            reveal={selected[0] ?? null}
          />
        )}
        {state.area && (
          <AggregateTable
            aggregate={state.aggregate}
            range={{ startNs: state.area.startNs, endNs: state.area.endNs, tracks: state.area.tracks.length }}
            onClose={() => void state.selectArea(null)}
          />
        )}
        {view && (
          <p className="timeline-status muted" data-testid="visible-range">
            {formatDurationNs(view.startNs - state.bounds.startNs)} –{' '}
            {formatDurationNs(view.endNs - state.bounds.startNs)} ({formatDurationNs(widthOf(view))} shown)
          </p>
        )}
      </div>
      <aside className="timeline-side" aria-label="Timeline details">
        <div className="timeline-tabs" role="tablist">
          {(['details', 'summary'] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => setTab(name)}
            >
              {name === 'details' ? 'Details' : 'Summary'}
            </button>
          ))}
        </div>
        <div className="timeline-tab-body">
          {tab === 'details' && (
            <DetailsPanel
              details={state.selected?.details ?? null}
              originNs={state.sections[state.selected?.section ?? 0]?.overview.startNs ?? 0}
              onSelect={onSelectLink}
            />
          )}
          {tab === 'summary' &&
            state.sections.map((section) => (
              <div key={section.traceId}>
                {state.sections.length > 1 && <h3>{section.title}</h3>}
                {state.summaries[section.traceId] ? (
                  <SummaryPanel summary={state.summaries[section.traceId]!} />
                ) : (
                  <p className="muted">Adding up the trace...</p>
                )}
              </div>
            ))}
        </div>
      </aside>
      {state.help && <KeysHelp onClose={() => state.toggleHelp(false)} />}
    </section>
  );
}
