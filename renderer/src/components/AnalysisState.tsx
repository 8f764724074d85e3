/** What an analysis view shows while core analyses the session, or when it could not. */
export function AnalysisState({ loading, error }: { loading: boolean; error: string | null }) {
  if (error)
    return (
      <p className="hint error-text" role="alert">
        Could not analyse this session: {error}
      </p>
    );
  return <p className="hint">{loading ? 'Analysing the session…' : 'Nothing to show for this session.'}</p>;
}
