"""Build hook: ship the curated gazetteer, the Cypher files and the seed reports inside the package.

`seeds/gazetteer.yaml` and `cypher/` stay where analysts and Neo4j Browser users expect
them; this copies them into `actornet/data/` of the build, so there is one source of truth
and an installed actornet finds them through `importlib.resources`.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# source file (relative to the checkout) -> destination inside the actornet package
SHARED_DATA = {
    "seeds/gazetteer.yaml": "data/gazetteer.yaml",
    **{f"seeds/{p.name}": f"data/seeds/{p.name}" for p in sorted((ROOT / "seeds").glob("*.txt"))},
    **{
        f"cypher/{p.name}": f"data/cypher/{p.name}"
        for p in sorted((ROOT / "cypher").iterdir())
        if p.suffix in (".cypher", ".grass")
    },
}


class BuildPyWithSharedData(build_py):
    """`build_py` that also copies SHARED_DATA into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout directly
            return
        for source, dest in SHARED_DATA.items():
            target = Path(self.build_lib, "actornet", dest)
            self.mkpath(str(target.parent))
            self.copy_file(str(ROOT / source), str(target))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        extra = [str(Path(self.build_lib, "actornet", d)) for d in SHARED_DATA]
        return [*super().get_outputs(include_bytecode), *extra]


setup(cmdclass={"build_py": BuildPyWithSharedData})
