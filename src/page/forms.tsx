/** What the query form shows as already chosen (from the URL, or the defaults). */
export interface QueryFormProps {
  q: string;
  source: string;
  sources: string[];
  k: string;
  limit: number;
}

const K_CHOICES = ["auto", "2", "3", "4", "5", "6", "8", "10", "12"];

function KSelect({ id, value }: { id: string; value: string }) {
  return (
    <label class="field" for={id}>
      <span>Meanings (k)</span>
      <select id={id} name="k">
        {K_CHOICES.map((k) => (
          <option value={k} selected={k === value}>
            {k === "auto" ? "automatic" : k}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A plain GET form: the result is rendered on the server, so a query works without JavaScript,
 * and its URL can be bookmarked or shared.
 */
export function QueryForm(props: QueryFormProps) {
  return (
    <form class="panel" id="query-form" method="get" action="/" role="search" aria-labelledby="query-heading">
      <h2 id="query-heading">Search a source</h2>
      <div class="fields">
        <label class="field grow" for="q">
          <span>Query</span>
          <input id="q" name="q" type="search" value={props.q} required maxlength={200} placeholder="apple, jaguar, bass…" />
        </label>
        <label class="field" for="source">
          <span>Source</span>
          <select id="source" name="source">
            {props.sources.map((s) => (
              <option value={s} selected={s === props.source}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <KSelect id="query-k" value={props.k} />
        <label class="field" for="limit">
          <span>Images</span>
          <input id="limit" name="limit" type="number" min={1} max={64} value={String(props.limit)} />
        </label>
      </div>
      <button type="submit">Cluster the results</button>
      <p class="status" id="query-status" role="status" aria-live="polite"></p>
    </form>
  );
}

/**
 * Files or URLs, sent by page.js as multipart with progress; without JavaScript it says so
 * instead of posting to the JSON API.
 */
export function UploadForm({ maxImages }: { maxImages: number }) {
  return (
    <form class="panel" id="upload-form" aria-labelledby="upload-heading" enctype="multipart/form-data">
      <h2 id="upload-heading">Or bring your own images</h2>
      <noscript>
        <p class="note">Uploading images needs JavaScript; searching a source works without it.</p>
      </noscript>
      <label class="drop" id="drop" for="files">
        <span>Drop up to {maxImages} JPEG, PNG or WebP files here, or choose them</span>
        <input id="files" name="images" type="file" multiple accept="image/jpeg,image/png,image/webp" />
      </label>
      <ul class="chosen" id="chosen" aria-label="Chosen files"></ul>
      <label class="field" for="urls">
        <span>Image URLs, one per line</span>
        <textarea id="urls" name="urls" rows={3} placeholder="https://example.com/a.jpg"></textarea>
      </label>
      <div class="fields">
        <KSelect id="upload-k" value="auto" />
      </div>
      <button type="submit" id="upload-submit">
        Cluster these images
      </button>
      <div class="progress" id="upload-progress" hidden>
        <progress id="progress-bar" max={100} value={0} aria-labelledby="progress-text"></progress>
        <p id="progress-text" role="status" aria-live="polite"></p>
      </div>
    </form>
  );
}
