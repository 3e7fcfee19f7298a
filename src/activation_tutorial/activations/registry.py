"""The one registry of activation functions. To add one: append an :class:`Activation` with its
SymPy ``definition`` (the page's formula, the NumPy reference and the derivative all come from
it: ``formulas.py``) and give it its pages, ``docs/functions/<key>.md`` and ``.en.md``. No torch
import at module load."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import sympy as sp

if TYPE_CHECKING:
    from torch import nn

x = sp.Symbol("x", real=True)
a, alpha, lam, s = sp.symbols("a alpha lambda s", positive=True)
# Named functions the formulas may use; ``NAMED`` says what each is
sigma, Phi, phi = sp.Function("sigma"), sp.Function("Phi"), sp.Function("varphi")
with sp.evaluate(False):  # as written: (1 + erf(x/√2)) / 2, not erf(√2 x/2)/2 + 1/2
    NAMED = {sigma: sp.Lambda(x, 1 / (1 + sp.exp(-x))),
             Phi: sp.Lambda(x, (1 + sp.erf(x / sp.sqrt(2))) / 2)}  # fmt: skip


@dataclass(frozen=True)
class Source:
    """A publication: where a function was proposed or made common."""

    key: str  # stable: the anchor on the references page
    authors: tuple[str, ...]  # family names, in the paper's order
    year: int
    title: str
    venue: str
    url: str  # a DOI or arXiv address where possible (stable)

    def short(self, lang: str) -> str:
        """``Nair & Hinton (2010)``; three or more authors become "et al." / 「ほか」."""
        if len(self.authors) <= 2:
            return f"{' & '.join(self.authors)} ({self.year})"
        return f"{self.authors[0]} {'ほか' if lang == 'ja' else 'et al.'} ({self.year})"


@dataclass(frozen=True)
class Activation:
    """One activation function and the facts the site states about it."""

    key: str  # stable identifier: file names, anchors, figure markers
    name: str  # display name, as PyTorch spells it
    torch_module: str  # class name in ``module_path``
    # f(x) in ``x``, the named functions and the symbols of ``where``, written from the
    # definition (not from PyTorch); the build checks it against PyTorch and autograd
    definition: sp.Expr
    # Infimum and supremum of the output (exact values only, a number or an expression such as
    # SELU's -λα), None for -inf / +inf
    lower: float | sp.Expr | None
    upper: float | None
    lower_attained: bool = False
    upper_attained: bool = False
    argmin: sp.Expr | None = None  # where a minimum known in closed form is reached (SiLU)
    numeric_min: bool = False  # the minimum is only known numerically (GELU, Mish)
    params: Mapping[str, float] = field(default_factory=dict)  # PyTorch's defaults, spelled out
    plot_range: tuple[float, float] = (-5.0, 5.0)
    symbol: str = ""  # its name in formulas, \mathrm{<name>} if empty
    # Constants (a = 0.01) and abbreviations (s = ln(1 + e^x)) the formulas use, each stated
    # beside the first formula that does
    where: Mapping[sp.Expr, float | sp.Expr] = field(default_factory=dict)
    # f' as the page shows it (each form checked equal to the derivative of ``definition``
    # away from kinks); empty: the derivative as SymPy writes it
    derivative_shown: tuple[sp.Expr, ...] = ()
    sources: tuple[Source, ...] = ()  # primary source first
    special_functions: int = 0  # exp/log/tanh/erf per element: the declared cost class
    discrete_values: tuple[float, ...] | None = None  # all its values, when finitely many
    module_path: str = "torch.nn"  # PyTorch has no module for the step function
    torch_expression: str | None = None  # plain PyTorch, when ``torch.nn`` has no module

    def module(self) -> nn.Module:
        """A fresh module with the registry's parameters (from ``torch.nn`` unless noted)."""
        namespace = importlib.import_module(self.module_path)
        return getattr(namespace, self.torch_module)(**self.params)


# SELU's constants, as derived in Klambauer et al. (2017), to PyTorch's precision.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


# The publications cited, oldest first.
_MCCULLOCH_1943 = Source(
    key="mcculloch1943", year=1943, authors=("McCulloch", "Pitts"),
    title="A logical calculus of the ideas immanent in nervous activity",
    venue="Bulletin of Mathematical Biophysics 5, 115–133",
    url="https://doi.org/10.1007/BF02478259",
)  # fmt: skip
_ROSENBLATT_1958 = Source(
    key="rosenblatt1958", year=1958, authors=("Rosenblatt",),
    title="The perceptron: a probabilistic model for information storage and organization in the "
          "brain",
    venue="Psychological Review 65(6), 386–408", url="https://doi.org/10.1037/h0042519",
)  # fmt: skip
_FUKUSHIMA_1969 = Source(
    key="fukushima1969", year=1969, authors=("Fukushima",),
    title="Visual Feature Extraction by a Multilayered Network of Analog Threshold Elements",
    venue="IEEE Transactions on Systems Science and Cybernetics 5(4), 322–333",
    url="https://doi.org/10.1109/TSSC.1969.300225",
)  # fmt: skip
_RUMELHART_1986 = Source(
    key="rumelhart1986", year=1986, authors=("Rumelhart", "Hinton", "Williams"),
    title="Learning representations by back-propagating errors",
    venue="Nature 323, 533–536", url="https://doi.org/10.1038/323533a0",
)  # fmt: skip
_LECUN_1998 = Source(
    key="lecun1998", year=1998, authors=("LeCun", "Bottou", "Orr", "Müller"),
    title="Efficient BackProp",
    venue="Neural Networks: Tricks of the Trade, LNCS 1524, 9–50",
    url="https://doi.org/10.1007/3-540-49430-8_2",
)  # fmt: skip
_DUGAS_2000 = Source(
    key="dugas2000", year=2000, authors=("Dugas", "Bengio", "Bélisle", "Nadeau", "Garcia"),
    title="Incorporating Second-Order Functional Knowledge for Better Option Pricing",
    venue="Advances in Neural Information Processing Systems 13",
    url="https://proceedings.neurips.cc/paper/2000/hash/"
        "44968aece94f667e4095002d140b5896-Abstract.html",
)  # fmt: skip
_HAHNLOSER_2000 = Source(
    key="hahnloser2000", year=2000,
    authors=("Hahnloser", "Sarpeshkar", "Mahowald", "Douglas", "Seung"),
    title="Digital selection and analogue amplification coexist in a cortex-inspired silicon "
          "circuit",
    venue="Nature 405, 947–951", url="https://doi.org/10.1038/35016072",
)  # fmt: skip
_NAIR_2010 = Source(
    key="nair2010", year=2010, authors=("Nair", "Hinton"),
    title="Rectified Linear Units Improve Restricted Boltzmann Machines",
    venue="ICML 2010, 807–814", url="https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf",
)  # fmt: skip
_GLOROT_2011 = Source(
    key="glorot2011", year=2011, authors=("Glorot", "Bordes", "Bengio"),
    title="Deep Sparse Rectifier Neural Networks",
    venue="AISTATS 2011, PMLR 15, 315–323", url="https://proceedings.mlr.press/v15/glorot11a.html",
)  # fmt: skip
_MAAS_2013 = Source(
    key="maas2013", year=2013, authors=("Maas", "Hannun", "Ng"),
    title="Rectifier Nonlinearities Improve Neural Network Acoustic Models",
    venue="ICML 2013 Workshop on Deep Learning for Audio, Speech and Language Processing",
    url="https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf",
)  # fmt: skip
_CLEVERT_2015 = Source(
    key="clevert2015", year=2015, authors=("Clevert", "Unterthiner", "Hochreiter"),
    title="Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
    venue="arXiv:1511.07289 (ICLR 2016)", url="https://arxiv.org/abs/1511.07289",
)  # fmt: skip
_GELU_2016 = Source(
    key="hendrycks2016", year=2016, authors=("Hendrycks", "Gimpel"),
    title="Gaussian Error Linear Units (GELUs)",
    venue="arXiv:1606.08415", url="https://arxiv.org/abs/1606.08415",
)  # fmt: skip
_ELFWING_2017 = Source(
    key="elfwing2017", year=2017, authors=("Elfwing", "Uchibe", "Doya"),
    title="Sigmoid-Weighted Linear Units for Neural Network Function Approximation in "
          "Reinforcement Learning",
    venue="arXiv:1702.03118 (Neural Networks 107, 2018)", url="https://arxiv.org/abs/1702.03118",
)  # fmt: skip
_KLAMBAUER_2017 = Source(
    key="klambauer2017", year=2017, authors=("Klambauer", "Unterthiner", "Mayr", "Hochreiter"),
    title="Self-Normalizing Neural Networks",
    venue="NeurIPS 2017 (arXiv:1706.02515)", url="https://arxiv.org/abs/1706.02515",
)  # fmt: skip
_RAMACHANDRAN_2017 = Source(
    key="ramachandran2017", year=2017, authors=("Ramachandran", "Zoph", "Le"),
    title="Searching for Activation Functions",
    venue="arXiv:1710.05941", url="https://arxiv.org/abs/1710.05941",
)  # fmt: skip
_HOWARD_2019 = Source(
    key="howard2019", year=2019,
    authors=("Howard", "Sandler", "Chu", "Chen", "Chen", "Tan",
             "Wang", "Zhu", "Pang", "Vasudevan", "Le", "Adam"),
    title="Searching for MobileNetV3",
    venue="ICCV 2019 (arXiv:1905.02244)", url="https://arxiv.org/abs/1905.02244",
)  # fmt: skip
_MISRA_2019 = Source(
    key="misra2019", year=2019, authors=("Misra",),
    title="Mish: A Self Regularized Non-Monotonic Activation Function",
    venue="arXiv:1908.08681 (BMVC 2020)", url="https://arxiv.org/abs/1908.08681",
)  # fmt: skip

_ENTRIES = (
    Activation(
        key="step", name="Step", torch_module="Step", symbol="H",
        module_path="activation_tutorial.activations.step",
        torch_expression="torch.heaviside(x, torch.tensor(0.0))",
        definition=sp.Piecewise((1, x > 0), (0, x <= 0)),
        lower=0.0, upper=1.0, lower_attained=True, upper_attained=True, discrete_values=(0.0, 1.0),
        plot_range=(-3.0, 3.0),
        derivative_shown=(sp.Piecewise((0, sp.Ne(x, 0))),),
        sources=(_MCCULLOCH_1943, _ROSENBLATT_1958),
    ),
    Activation(
        key="sigmoid", name="Sigmoid", torch_module="Sigmoid", symbol=r"\sigma",
        definition=1 / (1 + sp.exp(-x)),
        lower=0.0, upper=1.0,
        plot_range=(-8.0, 8.0),
        derivative_shown=(sigma(x) * (1 - sigma(x)),),
        sources=(_RUMELHART_1986,), special_functions=1,
    ),
    Activation(
        key="tanh", name="Tanh", torch_module="Tanh", symbol=r"\tanh",
        definition=(sp.exp(x) - sp.exp(-x)) / (sp.exp(x) + sp.exp(-x)),
        lower=-1.0, upper=1.0,
        plot_range=(-4.0, 4.0),
        derivative_shown=(1 - sp.tanh(x) ** 2,),
        sources=(_LECUN_1998,), special_functions=1,
    ),
    Activation(
        key="relu", name="ReLU", torch_module="ReLU",
        definition=sp.Max(0, x),
        lower=0.0, upper=None, lower_attained=True,
        plot_range=(-3.0, 3.0),
        derivative_shown=(sp.Piecewise((1, x > 0), (0, x < 0)),),
        # Fukushima's and Hahnloser's: the function is older than its name in deep learning.
        sources=(_NAIR_2010, _GLOROT_2011, _FUKUSHIMA_1969, _HAHNLOSER_2000),
    ),
    Activation(
        key="leaky_relu", name="LeakyReLU", torch_module="LeakyReLU",
        definition=sp.Piecewise((x, x >= 0), (a * x, x < 0)), where={a: 0.01},
        lower=None, upper=None,
        params=MappingProxyType({"negative_slope": 0.01}), plot_range=(-3.0, 3.0),
        derivative_shown=(sp.Piecewise((1, x > 0), (a, x < 0)),),
        sources=(_MAAS_2013,),
    ),
    Activation(
        key="elu", name="ELU", torch_module="ELU",
        definition=sp.Piecewise((x, x > 0), (alpha * (sp.exp(x) - 1), x <= 0)),
        where={alpha: 1.0},
        lower=-1.0, upper=None,
        params=MappingProxyType({"alpha": 1.0}), plot_range=(-4.0, 3.0),
        derivative_shown=(sp.Piecewise((1, x > 0), (alpha * sp.exp(x), x < 0)),),
        sources=(_CLEVERT_2015,), special_functions=1,
    ),
    Activation(
        key="selu", name="SELU", torch_module="SELU",
        definition=sp.Piecewise((lam * x, x > 0), (lam * alpha * (sp.exp(x) - 1), x <= 0)),
        where={lam: SELU_SCALE, alpha: SELU_ALPHA},
        lower=-lam * alpha, upper=None,
        plot_range=(-4.0, 3.0),
        derivative_shown=(sp.Piecewise((lam, x > 0), (lam * alpha * sp.exp(x), x < 0)),),
        sources=(_KLAMBAUER_2017,), special_functions=1,
    ),
    Activation(
        key="softplus", name="Softplus", torch_module="Softplus",
        definition=sp.log(1 + sp.exp(x)),
        lower=0.0, upper=None,
        # PyTorch's defaults; above the threshold it returns x itself (equal to float precision).
        params=MappingProxyType({"beta": 1.0, "threshold": 20.0}), plot_range=(-5.0, 5.0),
        derivative_shown=(1 / (1 + sp.exp(-x)), sigma(x)),
        sources=(_DUGAS_2000,), special_functions=2,
    ),
    Activation(
        key="gelu", name="GELU", torch_module="GELU",
        definition=x * Phi(x),
        # Unevaluated, as textbooks write it (SymPy would show sqrt(2) e^(-x^2/2) / (2 sqrt(pi)))
        where={phi(x): sp.Mul(sp.exp(-(x**2) / 2),
                              sp.Pow(sp.sqrt(2 * sp.pi, evaluate=False), -1, evaluate=False),
                              evaluate=False)},
        lower=None, upper=None, numeric_min=True, lower_attained=True,
        plot_range=(-4.0, 3.0),
        derivative_shown=(Phi(x) + x * phi(x),),
        sources=(_GELU_2016,), special_functions=1,
    ),
    Activation(
        key="silu", name="SiLU", torch_module="SiLU",
        definition=x * sigma(x),
        # SiLU'(x) = 0 where 1 + x + e^x = 0, that is x = -1 - W(1/e), and there
        # SiLU(x) = x + 1 = -W(1/e).
        lower=-sp.LambertW(sp.exp(-1)), upper=None, lower_attained=True,
        argmin=-1 - sp.LambertW(sp.exp(-1)),
        plot_range=(-6.0, 3.0),
        derivative_shown=(sigma(x) * (1 + x * (1 - sigma(x))),),
        sources=(_GELU_2016, _ELFWING_2017, _RAMACHANDRAN_2017), special_functions=1,
    ),
    Activation(
        key="mish", name="Mish", torch_module="Mish",
        definition=x * sp.tanh(sp.log(1 + sp.exp(x))), where={s: sp.log(1 + sp.exp(x))},
        lower=None, upper=None, numeric_min=True, lower_attained=True,
        plot_range=(-5.0, 3.0),
        derivative_shown=(sp.tanh(s) + x * (1 - sp.tanh(s) ** 2) * sigma(x),),
        sources=(_MISRA_2019,), special_functions=3,
    ),
    Activation(
        key="hardswish", name="Hardswish", torch_module="Hardswish",
        definition=sp.Piecewise((0, x <= -3), (x, x >= 3), (x * (x + 3) / 6, sp.Abs(x) < 3)),
        # The parabola's vertex: x = -3/2, value -3/8, exactly.
        lower=-0.375, upper=None, lower_attained=True,
        plot_range=(-5.0, 5.0),
        derivative_shown=(sp.Piecewise((0, x < -3), (1, x > 3), ((2 * x + 3) / 6, sp.Abs(x) < 3)),),
        sources=(_HOWARD_2019,),
    ),
)  # fmt: skip

# In the order the site presents them
REGISTRY: Mapping[str, Activation] = MappingProxyType({a.key: a for a in _ENTRIES})


def get(key: str) -> Activation:
    """The entry for ``key`` (read when called: tests may swap in a copy of the registry)."""
    return REGISTRY[key]
