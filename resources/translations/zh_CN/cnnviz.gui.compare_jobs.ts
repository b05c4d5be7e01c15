<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.compare_jobs</name>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>feature maps</source>
      <translation>特征图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>Inception branches</source>
      <translation>Inception 分支</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>residual paths</source>
      <translation>残差路径</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>attribution (Grad-CAM)</source>
      <translation>归因（Grad-CAM）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>another image</source>
      <translation>另一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>other weights (a file)</source>
      <translation>其他权重（文件）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>remembered weights</source>
      <translation>记住的权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>B: weights remembered at {time}</source>
      <translation>B：{time} 记住的权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>B: no weights remembered</source>
      <translation>B：尚未记住权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>B: weights: {name}</source>
      <translation>B：权重：{name}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>cannot copy {type} to hold other weights ({reason})</source>
      <translation>无法复制 {type} 来装载其他权重（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>the remembered weights belong to another model: press Remember these weights again</source>
      <translation>记住的权重属于另一个模型：请再按一次“记住当前权重”</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>unknown comparison '{view}'; choose one of: {views}</source>
      <translation>未知的对比方式“{view}”；可选：{views}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>{side} has no output for {key}</source>
      <translation>{side} 没有 {key} 的输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>{layer} has no feature maps to compare (shape {shape})</source>
      <translation>{layer} 没有可对比的特征图（形状 {shape}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>{layer}: {channels} channels of {height}×{width}</source>
      <translation>{layer}：{channels} 个通道，每个 {height}×{width}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>A and B on one colour scale, {low} … {high} ({cmap}); difference A − B on ±{spread} ({diff_cmap}: the centre colour is no change)</source>
      <translation>A 与 B 使用同一色标，{low} … {high}（{cmap}）；差值 A − B 的范围为 ±{spread}（{diff_cmap}：中间色表示没有变化）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>{layer} is not inside an Inception block</source>
      <translation>{layer} 不在 Inception 模块内</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>{layer} is not inside a residual block</source>
      <translation>{layer} 不在残差模块内</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>{number}: {label} (channels {first}–{last})</source>
      <translation>{number}：{label}（通道 {first}–{last}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>all branches of A and B on one colour scale, {low} … {high} ({cmap}); differences on ±{spread} (coolwarm: the centre colour is no change)</source>
      <translation>A 与 B 的所有分支使用同一色标，{low} … {high}（{cmap}）；差值范围为 ±{spread}（coolwarm：中间色表示没有变化）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>all paths of A and B on one colour scale, {low} … {high} ({cmap}); differences on ±{spread} (coolwarm: the centre colour is no change)</source>
      <translation>A 与 B 的所有路径使用同一色标，{low} … {high}（{cmap}）；差值范围为 ±{spread}（coolwarm：中间色表示没有变化）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>Grad-CAM of {layer} for class {target}{name}, A's top class</source>
      <translation>{layer} 对类别 {target}{name} 的 Grad-CAM（A 的最高类别）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/compare_jobs.py" />
      <source>p(class {target}) = {p_a} in A, {p_b} in B; each map scaled to its own maximum and drawn over its input; difference of the scaled maps on ±{spread} (coolwarm)</source>
      <translation>p(类别 {target})：A 中为 {p_a}，B 中为 {p_b}；每张图按各自的最大值缩放，叠加在各自的输入上；缩放后两图的差值范围为 ±{spread}（coolwarm）</translation>
    </message>
  </context>
</TS>
