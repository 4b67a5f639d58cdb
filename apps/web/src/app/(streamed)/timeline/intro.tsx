/** The timeline's heading and how to read it: shown at once, also while the events load. */
export function TimelineIntro() {
  return (
    <>
      <h1>Timeline</h1>
      <p className="lede">
        Events on a time axis: scroll or use the buttons to zoom from years to days; bars with soft edges are
        dates known only as a span. The list below the chart has the same events for keyboard and
        screen-reader use.
      </p>
    </>
  );
}
