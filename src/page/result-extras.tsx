import { imageErrorSentence } from "./sentences.ts";
import { hueStyle, Thumb, titleOf, type ResultContext } from "./thumb.tsx";

/** One representative per meaning, biggest first: the answer at a glance. */
export function MeaningsStrip({ ctx, label }: { ctx: ResultContext; label: string }) {
  if (ctx.result.clusters.length === 0) return <></>;
  return (
    <section class="meanings" aria-labelledby="meanings-heading">
      <h3 id="meanings-heading">{label}</h3>
      <ol class="strip">
        {ctx.result.clusters.map((cluster) => (
          <li style={hueStyle(cluster.index)}>
            <a href={`#cluster-${cluster.index}`}>
              <Thumb ctx={ctx} id={cluster.representative} size={120} />
              <span class="name">{cluster.name}</span>
              <span class="size">
                {cluster.size} {cluster.size === 1 ? "image" : "images"}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Groups of near-identical images (resized, re-encoded or rotated copies). */
export function DuplicateGroups({ ctx }: { ctx: ResultContext }) {
  const groups = ctx.result.duplicates;
  return (
    <section class="duplicates" aria-labelledby="duplicates-heading">
      <h3 id="duplicates-heading">Near-duplicates</h3>
      {groups.length === 0 ? (
        <p>No near-duplicates among these images.</p>
      ) : (
        <ul class="dupe-groups">
          {groups.map((group) => (
            <li>
              <ul class="group" aria-label={`${group.length} near-identical images`}>
                {group.map((id) => (
                  <li style={hueStyle(ctx.clusterOf.get(id))}>
                    <Thumb ctx={ctx} id={id} size={72} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Round-robin across meanings, duplicates last: an order that shows every meaning early. */
export function DiversifiedOrder({ ctx }: { ctx: ResultContext }) {
  if (ctx.result.diversified.length === 0) return <></>;
  return (
    <section class="diversified" aria-labelledby="diversified-heading">
      <h3 id="diversified-heading">Diversified order</h3>
      <ol class="order">
        {ctx.result.diversified.map((id) => (
          <li style={hueStyle(ctx.clusterOf.get(id))}>
            <Thumb ctx={ctx} id={id} size={72} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Each image that failed, as a sentence saying which one and why. */
export function ImageErrors({ ctx }: { ctx: ResultContext }) {
  const errors = ctx.result.errors;
  if (errors.length === 0) return <></>;
  return (
    <section class="image-errors" aria-labelledby="image-errors-heading">
      <h3 id="image-errors-heading">
        {errors.length === 1 ? "One image could not be used" : `${errors.length} images could not be used`}
      </h3>
      <ul class="sentences">
        {errors.map((error) => (
          <li data-id={error.id} data-code={error.code}>
            {imageErrorSentence(error, ctx.pictures[error.id]?.title)}
          </li>
        ))}
      </ul>
    </section>
  );
}
