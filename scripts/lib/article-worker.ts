/** A worker thread of `parallel-articles.ts`: parses the articles it is given and posts the results back. */
import { parentPort, workerData } from "node:worker_threads";
import { articleParser } from "./load-content.ts";
import { toWire, utf8, type ArticleJob } from "./parallel-articles.ts";

const job = workerData as ArticleJob;
const parse = articleParser(job.settings, job.known);
parentPort?.postMessage(job.files.map(([file, bytes]) => toWire(parse(file, utf8(bytes)))));
