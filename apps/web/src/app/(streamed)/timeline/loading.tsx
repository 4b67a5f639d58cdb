import { TimelineIntro } from "./intro";

/** While the timeline loads: its heading and explanation at once, then the chart's place. */
export default function TimelineLoading() {
  return (
    <div aria-busy="true">
      <TimelineIntro />
      <p className="muted">Reading the events…</p>
      <div className="skeleton" style={{ height: "5rem" }} />
      <div className="skeleton" style={{ height: "16rem" }} />
    </div>
  );
}
