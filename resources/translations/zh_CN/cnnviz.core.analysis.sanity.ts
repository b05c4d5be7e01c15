<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.sanity</name>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>cannot correlate maps of {a} and {b} values</source>
      <translation>无法计算相关性：两张图分别有 {a} 和 {b} 个值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>{what} needs an input tensor, not {type}</source>
      <translation>{what}需要一个输入张量，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>{what} takes one image (1, C, H, W); got a tensor of shape {shape}</source>
      <translation>{what}只接受一张图像 (1, C, H, W)；得到的张量形状为 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>max_steps must be at least 1, not {max_steps}</source>
      <translation>max_steps 至少为 1，而不是 {max_steps}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>the randomisation check</source>
      <translation>随机化检验</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>the randomisation check needs a copy of the model and it cannot be copied: {exc}</source>
      <translation>随机化检验需要模型的副本，但该模型无法复制：{exc}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>the saliency map must be a tensor, not {type}</source>
      <translation>显著性图必须是张量，而不是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>the saliency map must be (h, w), (1, h, w) or (1, {channels}, h, w) for an input of shape {input}; got {shape}</source>
      <translation>对于形状为 {input} 的输入，显著性图必须是 (h, w)、(1, h, w) 或 (1, {channels}, h, w)；得到的是 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>the saliency map holds NaN or infinite values</source>
      <translation>显著性图中含有 NaN 或无穷大的值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>deletion and insertion</source>
      <translation>删除与插入检验</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>unknown baseline '{baseline}'; choose one of: {baselines}</source>
      <translation>未知的基线 '{baseline}'；请从以下基线中选择：{baselines}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>steps must be an integer from 1 to {limit} for a {h}x{w} input, not {steps!r}</source>
      <translation>对于 {h}x{w} 的输入，steps 必须是 1 到 {limit} 之间的整数，而不是 {steps!r}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/sanity.py" />
      <source>batch_size must be a positive integer, not {batch_size!r}</source>
      <translation>batch_size 必须是正整数，而不是 {batch_size!r}</translation>
    </message>
  </context>
</TS>
