"""Reports: `build.build_report` gathers every analysis into a typed `Report`;
`text`, `markdown`, `html` and `json` render it; `plot` draws the network;
`listings` shapes the output of the analysis commands."""
