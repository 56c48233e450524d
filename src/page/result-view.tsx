import type { ErrorBody } from "../errors.ts";
import type { ClusterResponse } from "../schemas/cluster.ts";
import type { Pictures } from "./pictures.ts";
import { ClusterList, ImageGrid } from "./result-parts.tsx";
import { DiversifiedOrder, DuplicateGroups, ImageErrors, MeaningsStrip } from "./result-extras.tsx";
import { failuresOf, imageErrorSentence, requestErrorSentence, sentence } from "./sentences.ts";
import { resultContext } from "./thumb.tsx";

/** What to draw and how to caption it; the same for a query, an upload and a URL list. */
export interface ResultViewProps {
  result: ClusterResponse & { clustersOmitted?: number };
  pictures: Pictures;
  heading: string;
  stripLabel: string;
}

function summary(result: ResultViewProps["result"]): string {
  const { stats } = result;
  if (stats.images === 0) return "No images were found, so there is nothing to cluster.";
  const usable = stats.images - stats.failed;
  const how = result.kChosenBy === "silhouette" ? "the number chosen automatically" : "as many as asked for";
  const parts = [
    `${usable} of ${stats.images} ${stats.images === 1 ? "image" : "images"} grouped into ${result.k} ${result.k === 1 ? "meaning" : "meanings"} (${how})`,
  ];
  if (result.clustersOmitted) parts.push(`${result.clustersOmitted} smaller ${result.clustersOmitted === 1 ? "one is" : "ones are"} not shown`);
  return sentence(parts.join("; "));
}

/** The whole answer: meanings strip, grid beside the clusters, duplicates, diversified order, failures. */
export function ResultView({ result, pictures, heading, stripLabel }: ResultViewProps) {
  const ctx = resultContext(result, pictures);
  return (
    <section class="result" aria-labelledby="results-heading" data-state="result">
      <h2 id="results-heading" tabindex={-1}>
        {heading}
      </h2>
      <p class="summary">{summary(result)}</p>
      {result.warnings.length > 0 && (
        <ul class="warnings">
          {result.warnings.map((w) => (
            <li>{sentence(w)}</li>
          ))}
        </ul>
      )}
      <ImageErrors ctx={ctx} />
      <MeaningsStrip ctx={ctx} label={stripLabel} />
      <div class="split">
        <ImageGrid ctx={ctx} />
        <ClusterList ctx={ctx} />
      </div>
      <DuplicateGroups ctx={ctx} />
      <DiversifiedOrder ctx={ctx} />
    </section>
  );
}

/** A request that failed as a whole: what happened, and each image's reason when there are any. */
export function ErrorView({ error, heading, pictures = {} }: { error: ErrorBody["error"]; heading: string; pictures?: Pictures }) {
  const failures = failuresOf(error.details);
  return (
    <section class="request-error" role="alert" aria-labelledby="results-heading" data-state="error" data-code={error.code}>
      <h2 id="results-heading" tabindex={-1}>
        {heading}
      </h2>
      <p>{requestErrorSentence(error)}</p>
      {failures.length > 0 && (
        <ul class="sentences">
          {failures.map((f) => (
            <li data-id={f.id} data-code={f.code}>
              {imageErrorSentence(f, pictures[f.id]?.title)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
