import { hueStyle, Thumb, titleOf, type ResultContext } from "./thumb.tsx";

type Cluster = ResultContext["result"]["clusters"][number];

const percent = (weight: number) => `${Math.round(weight * 100)}%`;

/** Every usable image, in the source's order, tagged with the meaning it landed in. */
export function ImageGrid({ ctx }: { ctx: ResultContext }) {
  const byIndex = new Map(ctx.result.clusters.map((c) => [c.index, c]));
  const representatives = new Set(ctx.result.clusters.map((c) => c.representative));
  return (
    <section class="images" aria-labelledby="images-heading">
      <h3 id="images-heading">Images</h3>
      <ul class="grid">
        {ctx.result.images.map((image) => {
          const cluster = byIndex.get(image.cluster);
          const rep = representatives.has(image.id);
          return (
            <li class={rep ? "tile is-rep" : "tile"} style={hueStyle(image.cluster)} data-cluster={String(image.cluster)}>
              <Thumb ctx={ctx} id={image.id} size={160} link />
              <span class="badge">
                {rep ? "★ " : ""}
                {cluster ? cluster.name : "other meanings"}
                {rep ? <span class="visually-hidden"> (representative)</span> : ""}
              </span>
              <span class="caption">{titleOf(ctx, image.id)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ClusterCard({ ctx, cluster, rank }: { ctx: ResultContext; cluster: Cluster; rank: number }) {
  return (
    <li class="cluster" id={`cluster-${cluster.index}`} style={hueStyle(cluster.index)} data-cluster={String(cluster.index)}>
      <h4>
        <span class="rank">{rank}.</span> {cluster.name}
      </h4>
      <p class="meta">
        <span class="size">
          {cluster.size} {cluster.size === 1 ? "image" : "images"}
        </span>
        {" · "}
        <span class="cohesion" title="Mean cosine similarity of the members to the centre: 1 is identical">
          cohesion {cluster.cohesion.toFixed(2)}
        </span>
      </p>
      <p class="labels">{cluster.labels.slice(0, 3).map((l) => `${l.label} ${percent(l.weight)}`).join(", ")}</p>
      <figure class="rep">
        <Thumb ctx={ctx} id={cluster.representative} size={220} link />
        <figcaption>Representative: {titleOf(ctx, cluster.representative)}</figcaption>
      </figure>
      <ul class="members" aria-label={`Members of ${cluster.name}, most central first`}>
        {cluster.members.map((id) => (
          <li class={id === cluster.representative ? "is-rep" : ""}>
            <Thumb ctx={ctx} id={id} size={56} />
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The meanings, biggest first: name, size, cohesion, representative highlighted, members. */
export function ClusterList({ ctx }: { ctx: ResultContext }) {
  return (
    <section class="clusters" aria-labelledby="clusters-heading">
      <h3 id="clusters-heading">Clusters, biggest first</h3>
      {ctx.result.clusters.length === 0 ? (
        <p>No clusters: there were no usable images.</p>
      ) : (
        <ol class="cluster-list">
          {ctx.result.clusters.map((cluster, i) => (
            <ClusterCard ctx={ctx} cluster={cluster} rank={i + 1} />
          ))}
        </ol>
      )}
    </section>
  );
}
